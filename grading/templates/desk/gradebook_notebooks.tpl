{%- extends 'nbgrader/gradebook_notebooks.tpl' -%}
{#- Red School: assignment_id reaches the page script through desk.js (base.tpl), not inline script. -#}
{%- block head -%}
<script src="{{ base_url }}/formgrader/static/js/gradebook_notebooks.js"></script>
{%- endblock head -%}
{#- Red School: the unit by its title (grading/units.py), not its id. -#}
{%- block breadcrumbs -%}
<ol class="breadcrumb">
  <li><a href="{{ base_url }}/formgrader/gradebook">Manual Grading</a></li>
  <li class="active rs-unit">{{ assignment_id | unit_title }}</li>
</ol>
{%- endblock -%}
