{%- extends 'nbgrader/manage_assignments.tpl' -%}
{#- Red School: a facilitator's desk reviews; creating, editing, generating and releasing
    units belong to curriculum teams (`redschool release`). desk-assignments.js drops those
    columns from each row; the desk refuses their API calls whatever the page shows. -#}
{%- block head -%}
<script src="{{ base_url }}/formgrader/static/js/manage_assignments.js"></script>
<script src="{{ base_url }}/formgrader/static/desk/desk-assignments.js"></script>
{%- endblock -%}
{%- block sidebar -%}
<li role="presentation" class="active"><a href="{{ base_url }}/formgrader/manage_assignments">Manage Assignments</a></li>
<li role="presentation"><a href="{{ base_url }}/formgrader/gradebook">Manual Grading</a></li>
{%- endblock -%}
{%- block messages -%}
<p>Units are released to your circle by the curriculum team. Here you <b>collect</b> submissions
(cloud icon), open them by their number to autograde, and <b>generate</b> and <b>release feedback</b>
once every reflection has been reviewed (Manual Grading).</p>
{%- endblock -%}
{%- block table_header -%}
<tr>
  <th>Name</th>
  <th class="text-center">Due Date</th>
  <th class="text-center">Status</th>
  <th class="text-center no-sort">Collect</th>
  <th class="text-center"># Submissions</th>
  <th class="text-center no-sort">Generate Feedback</th>
  <th class="text-center no-sort">Release Feedback</th>
</tr>
{%- endblock -%}
{%- block table_body -%}
<tr><td colspan="7">Loading, please wait...</td></tr>
{%- endblock -%}
{%- block table_footer -%}
{%- endblock -%}
