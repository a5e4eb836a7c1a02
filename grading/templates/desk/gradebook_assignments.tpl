{%- extends 'nbgrader/gradebook_assignments.tpl' -%}
{#- Red School: units by their titles (static/desk/names.js) and no average score: a
    reflection's point means "read" and exercises are practice. -#}
{%- block head -%}
<script src="{{ base_url }}/formgrader/static/js/gradebook_assignments.js"></script>
<script src="{{ base_url }}/formgrader/static/desk/names.js" id="rs-gradebook-units"></script>
<style>
  table th:nth-child(4), table td:nth-child(4) { display: none; }  /* Score */
</style>
{%- endblock -%}
{%- block table_header -%}
<tr>
  <th>Unit</th>
  <th class="text-center">Due Date</th>
  <th class="text-center">Submissions</th>
  <th class="text-center">Score</th>
</tr>
{%- endblock -%}
